# frozen_string_literal: true

module OpenAI
  module Models
    class Error < OpenAI::Internal::Type::BaseModel
      # @!attribute code
      #   @return [String, nil]
      required :code, String, nullable: true

      # @!attribute message
      #   @return [String]
      required :message, String

      # @!attribute param
      #   @return [String, nil]
      required :param, String, nullable: true

      # @!attribute type
      #   @return [String]
      required :type, String
    end
  end
end
