# frozen_string_literal: true

module OpenAI
  module Models
    class ErrorResponse < OpenAI::Internal::Type::BaseModel
      # @!attribute error
      #   @return [OpenAI::Models::Error]
      required :error, -> { OpenAI::Models::Error }
    end
  end
end
