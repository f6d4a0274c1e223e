# frozen_string_literal: true

require "minitest/autorun"
require "stringio"
require "openai"

module OpenAI
  module Test
    # Base of the generated resource tests: a client with every credential set,
    # for the mock server at ENV["TEST_API_BASE_URL"] (default http://127.0.0.1:4010).
    class ResourceTest < Minitest::Test
      def setup
        @client = OpenAI::Client.new(
          api_key: "sample-api-key",
          base_url: ENV.fetch("TEST_API_BASE_URL", "http://127.0.0.1:4010"),
          max_retries: 0
        )
      end
    end
  end
end
