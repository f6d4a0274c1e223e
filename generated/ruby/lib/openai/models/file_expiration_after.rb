# frozen_string_literal: true

module OpenAI
  module Models
    # The expiration policy for a file. By default, files with `purpose=batch` expire after 30 days and all other files are persisted until they are manually deleted.
    class FileExpirationAfter < OpenAI::Internal::Type::BaseModel
      # @!attribute anchor
      #   Anchor timestamp after which the expiration policy applies. Supported anchors: `created_at`.
      #
      #   @return [Symbol]
      required :anchor, OpenAI::Internal::Type::Const[:created_at]

      # @!attribute seconds
      #   The number of seconds after the anchor time that the file will expire. Must be between 3600 (1 hour) and 2592000 (30 days).
      #
      #   @return [Integer]
      required :seconds, Integer
    end
  end
end
