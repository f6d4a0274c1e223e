# frozen_string_literal: true

module OpenAI
  module Models
    # The `File` object represents a document that has been uploaded to OpenAI.
    class FileObject < OpenAI::Internal::Type::BaseModel
      # @!attribute id
      #   The file identifier, which can be referenced in the API endpoints.
      #
      #   @return [String]
      required :id, String

      # @!attribute bytes
      #   The size of the file, in bytes.
      #
      #   @return [Integer]
      required :bytes, Integer

      # @!attribute created_at
      #   The Unix timestamp (in seconds) for when the file was created.
      #
      #   @return [Integer]
      required :created_at, Integer

      # @!attribute expires_at
      #   The Unix timestamp (in seconds) for when the file will expire.
      #
      #   @return [Integer, nil]
      optional :expires_at, Integer

      # @!attribute filename
      #   The name of the file.
      #
      #   @return [String]
      required :filename, String

      # @!attribute object
      #   The object type, which is always `file`.
      #
      #   @return [Symbol]
      required :object, OpenAI::Internal::Type::Const[:file]

      # @!attribute purpose
      #   The intended purpose of the file. Supported values are `assistants`, `assistants_output`, `batch`, `batch_output`, `fine-tune`, `fine-tune-results`, `vision`, and `user_data`.
      #
      #   @return [Symbol]
      required :purpose, -> { OpenAI::Models::FileObject::Purpose }

      # @!attribute status
      #   Deprecated. The current status of the file, which can be either `uploaded`, `processed`, or `error`.
      #
      #   @return [Symbol]
      #   @deprecated
      required :status, -> { OpenAI::Models::FileObject::Status }

      # @!attribute status_details
      #   Deprecated. For details on why a fine-tuning training file failed validation, see the `error` field on `fine_tuning.job`.
      #
      #   @return [String, nil]
      #   @deprecated
      optional :status_details, String

      # The intended purpose of the file. Supported values are `assistants`, `assistants_output`, `batch`, `batch_output`, `fine-tune`, `fine-tune-results`, `vision`, and `user_data`.
      module Purpose
        extend OpenAI::Internal::Type::Enum

        ASSISTANTS = :assistants
        ASSISTANTS_OUTPUT = :assistants_output
        BATCH = :batch
        BATCH_OUTPUT = :batch_output
        FINE_TUNE = :"fine-tune"
        FINE_TUNE_RESULTS = :"fine-tune-results"
        VISION = :vision
        USER_DATA = :user_data
      end

      # Deprecated. The current status of the file, which can be either `uploaded`, `processed`, or `error`.
      #
      # @deprecated
      module Status
        extend OpenAI::Internal::Type::Enum

        UPLOADED = :uploaded
        PROCESSED = :processed
        ERROR = :error
      end
    end
  end
end
