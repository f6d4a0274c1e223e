# frozen_string_literal: true

module OpenAI
  module Models
    class CreateUploadRequest < OpenAI::Internal::Type::BaseModel
      # @!attribute filename
      #   The name of the file to upload.
      #
      #   @return [String]
      required :filename, String

      # @!attribute purpose
      #   The intended purpose of the uploaded file.
      #
      #   See the [documentation on File
      #   purposes](/docs/api-reference/files/create#files-create-purpose).
      #
      #   @return [Symbol]
      required :purpose, -> { OpenAI::Models::CreateUploadRequest::Purpose }

      # @!attribute bytes
      #   The number of bytes in the file you are uploading.
      #
      #   @return [Integer]
      required :bytes, Integer

      # @!attribute mime_type
      #   The MIME type of the file.
      #
      #   This must fall within the supported MIME types for your file purpose. See
      #   the supported MIME types for assistants and vision.
      #
      #   @return [String]
      required :mime_type, String

      # @!attribute expires_after
      #   @return [OpenAI::Models::FileExpirationAfter, nil]
      optional :expires_after, -> { OpenAI::Models::FileExpirationAfter }

      # The intended purpose of the uploaded file.
      #
      # See the [documentation on File
      # purposes](/docs/api-reference/files/create#files-create-purpose).
      module Purpose
        extend OpenAI::Internal::Type::Enum

        ASSISTANTS = :assistants
        BATCH = :batch
        FINE_TUNE = :"fine-tune"
        VISION = :vision
      end
    end
  end
end
