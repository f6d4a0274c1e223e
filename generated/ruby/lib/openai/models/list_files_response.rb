# frozen_string_literal: true

module OpenAI
  module Models
    class ListFilesResponse < OpenAI::Internal::Type::BaseModel
      # @!attribute object
      #   @return [Symbol]
      required :object, OpenAI::Internal::Type::Const[:list]

      # @!attribute data
      #   @return [Array<OpenAI::Models::FileObject>]
      required :data, OpenAI::Internal::Type::ArrayOf[-> { OpenAI::Models::FileObject }]

      # @!attribute first_id
      #   @return [String]
      required :first_id, String

      # @!attribute last_id
      #   @return [String]
      required :last_id, String

      # @!attribute has_more
      #   @return [Boolean]
      required :has_more, OpenAI::Internal::Type::Boolean
    end
  end
end
