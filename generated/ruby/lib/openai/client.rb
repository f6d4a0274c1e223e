# frozen_string_literal: true

module OpenAI
  # OpenAI client.
  #
  # The OpenAI REST API, trimmed to the Uploads and Files resources. Please see https://platform.openai.com/docs/api-reference for more details.
  #
  # @example
  #   client = OpenAI::Client.new(api_key: "My API Key")
  class Client < OpenAI::Internal::BaseClient
    DEFAULT_BASE_URL = "https://api.openai.com/v1"
    DEFAULT_TIMEOUT = 600.0
    DEFAULT_MAX_RETRIES = 2
    BASE_URL_ENV = "OPENAI_BASE_URL"
    # The environment variable each credential option falls back to.
    CREDENTIAL_ENV = {
      "api_key" => "OPENAI_API_KEY"
    }.freeze
    # The security schemes: how each sends its credentials.
    SCHEMES = {
      "ApiKeyAuth" => {kind: :bearer, in: :header, name: "Authorization", credentials: ["api_key"]}.freeze
    }.freeze

    # @return [String, nil]
    attr_reader :api_key

    # @return [OpenAI::Resources::Uploads]
    attr_reader :uploads

    # @return [OpenAI::Resources::Files]
    attr_reader :files

    # @param api_key [String, nil] (default: ENV["OPENAI_API_KEY"])
    # @param base_url [String, nil] the API's base URL (default: ENV["OPENAI_BASE_URL"], else DEFAULT_BASE_URL)
    # @param max_retries [Integer] retries after a failed attempt (default 2)
    # @param timeout [Float] seconds to wait for connecting, writing or reading (default 600)
    # @param default_headers [Hash{String=>String}] headers sent with every request
    # @param default_query [Hash] query parameters sent with every request
    #
    # Credentials are only checked when a request needs them.
    def initialize(
      api_key: ENV.fetch("OPENAI_API_KEY", nil),
      base_url: ENV.fetch(BASE_URL_ENV, nil),
      max_retries: DEFAULT_MAX_RETRIES,
      timeout: DEFAULT_TIMEOUT,
      default_headers: {},
      default_query: {}
    )
      @api_key = api_key&.to_s
      base_url = DEFAULT_BASE_URL if base_url.nil? || base_url.to_s.empty?
      if base_url.nil?
        raise OpenAI::Errors::Error,
              "No base URL given: pass base_url: to OpenAI::Client.new or set the #{BASE_URL_ENV} environment variable"
      end

      super(base_url: base_url, timeout: timeout, max_retries: max_retries, default_headers: default_headers,
            default_query: default_query, schemes: SCHEMES, credential_env: CREDENTIAL_ENV,
            credentials: {"api_key" => @api_key})
      @uploads = OpenAI::Resources::Uploads.new(client: self)
      @files = OpenAI::Resources::Files.new(client: self)
    end
  end
end
