# frozen_string_literal: true

module OpenAI
  module Models
    class CompleteUploadRequest < OpenAI::Internal::Type::BaseModel
      # @!attribute part_ids
      #   The ordered list of Part IDs.
      #
      #   @return [Array<String>]
      required :part_ids, OpenAI::Internal::Type::ArrayOf[String]

      # @!attribute md5
      #   The optional md5 checksum for the file contents to verify if the bytes uploaded matches what you expect.
      #
      #   @return [String, nil]
      optional :md5, String
    end
  end
end
