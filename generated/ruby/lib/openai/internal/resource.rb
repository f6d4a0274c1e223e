# frozen_string_literal: true

module OpenAI
  module Internal
    # Base of the generated resource classes.
    class Resource
      # The default of an optional body field: left out of the request (nil is
      # sent as JSON null).
      OMIT = Wire::OMITTED

      def initialize(client:, raw: false)
        @client = client
        @raw = raw
      end

      # The same resource, whose methods return OpenAI::Internal::RawResponse
      # (status, headers, body, and `parse` for the usual result).
      def inspect
        "#<#{self.class.name}#{@raw ? ' (raw)' : ''}>"
      end

      def with_raw_response
        self.class.new(client: @client, raw: true)
      end
    end
  end
end
