# frozen_string_literal: true

module OpenAI
  module Models
    class AddUploadPartRequest < OpenAI::Internal::Type::BaseModel
      # @!attribute data
      #   The chunk of bytes for this Part.
      #
      #   @return [String]
      required :data, String
    end
  end
end
