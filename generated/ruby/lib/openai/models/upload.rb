# frozen_string_literal: true

module OpenAI
  module Models
    # The Upload object can accept byte chunks in the form of Parts.
    class Upload < OpenAI::Internal::Type::BaseModel
      # @!attribute id
      #   The Upload unique identifier, which can be referenced in API endpoints.
      #
      #   @return [String]
      required :id, String

      # @!attribute bytes
      #   The intended number of bytes to be uploaded.
      #
      #   @return [Integer]
      required :bytes, Integer

      # @!attribute created_at
      #   The Unix timestamp (in seconds) for when the Upload was created.
      #
      #   @return [Integer]
      required :created_at, Integer

      # @!attribute expires_at
      #   The Unix timestamp (in seconds) for when the Upload will expire.
      #
      #   @return [Integer]
      required :expires_at, Integer

      # @!attribute filename
      #   The name of the file to be uploaded.
      #
      #   @return [String]
      required :filename, String

      # @!attribute object
      #   The object type, which is always "upload".
      #
      #   @return [Symbol]
      required :object, OpenAI::Internal::Type::Const[:upload]

      # @!attribute purpose
      #   The intended purpose of the file. [Please refer here](/docs/api-reference/files/object#files/object-purpose) for acceptable values.
      #
      #   @return [String]
      required :purpose, String

      # @!attribute status
      #   The status of the Upload.
      #
      #   @return [Symbol]
      required :status, -> { OpenAI::Models::Upload::Status }

      # @!attribute file
      #   The ready File object after the Upload is completed.
      #
      #   @return [OpenAI::Models::FileObject, nil]
      optional :file, -> { OpenAI::Models::FileObject }, nullable: true

      # The status of the Upload.
      module Status
        extend OpenAI::Internal::Type::Enum

        PENDING = :pending
        COMPLETED = :completed
        CANCELLED = :cancelled
        EXPIRED = :expired
      end
    end
  end
end
