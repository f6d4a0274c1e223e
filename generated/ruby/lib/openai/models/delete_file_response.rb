# frozen_string_literal: true

module OpenAI
  module Models
    class DeleteFileResponse < OpenAI::Internal::Type::BaseModel
      # @!attribute id
      #   @return [String]
      required :id, String

      # @!attribute object
      #   @return [Symbol]
      required :object, OpenAI::Internal::Type::Const[:file]

      # @!attribute deleted
      #   @return [Boolean]
      required :deleted, OpenAI::Internal::Type::Boolean
    end
  end
end
