# frozen_string_literal: true

module OpenAI
  module Models
    # The upload Part represents a chunk of bytes we can add to an Upload object.
    class UploadPart < OpenAI::Internal::Type::BaseModel
      # @!attribute id
      #   The upload Part unique identifier, which can be referenced in API endpoints.
      #
      #   @return [String]
      required :id, String

      # @!attribute created_at
      #   The Unix timestamp (in seconds) for when the Part was created.
      #
      #   @return [Integer]
      required :created_at, Integer

      # @!attribute upload_id
      #   The ID of the Upload object that this Part was added to.
      #
      #   @return [String]
      required :upload_id, String

      # @!attribute object
      #   The object type, which is always `upload.part`.
      #
      #   @return [Symbol]
      required :object, OpenAI::Internal::Type::Const[:"upload.part"]
    end
  end
end
