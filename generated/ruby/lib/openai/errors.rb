# frozen_string_literal: true

module OpenAI
  # Errors raised by the client.
  #
  #   Error
  #   └── APIError
  #       ├── APIConnectionError
  #       │   └── APITimeoutError
  #       └── APIStatusError (one subclass per HTTP status, see below)
  module Errors
    # Base of every error this SDK raises.
    class Error < StandardError
    end

    # A failure talking to the API (carries the URL and, for status errors,
    # the response).
    class APIError < Error
      # @return [URI::Generic, nil]
      attr_reader :url
      # @return [Integer, nil]
      attr_reader :status
      # @return [Object, nil] the decoded JSON error body (or the raw text)
      attr_reader :body
      # @return [Hash{String=>String}]
      attr_reader :headers
      # @return [String, nil] the `x-request-id` response header
      attr_reader :request_id

      def initialize(message = nil, url: nil, status: nil, body: nil, headers: nil, request_id: nil)
        @url = url
        @status = status
        @body = body
        @headers = headers || {}
        @request_id = request_id
        super(message)
      end
    end

    # The connection failed (refused, reset, DNS, TLS...).
    class APIConnectionError < APIError
      def initialize(message = "Connection error.", **kwargs)
        super
      end
    end

    # The request timed out.
    class APITimeoutError < APIConnectionError
      def initialize(message = "Request timed out.", **kwargs)
        super
      end
    end

    # The API answered with a non-success status.
    class APIStatusError < APIError
      # The error class for a status code.
      def self.for_status(status)
        return InternalServerError if status >= 500

        case status
        when 400 then BadRequestError
        when 401 then AuthenticationError
        when 403 then PermissionDeniedError
        when 404 then NotFoundError
        when 409 then ConflictError
        when 422 then UnprocessableEntityError
        when 429 then RateLimitError
        else APIStatusError
        end
      end

      # Builds the error for a response.
      def self.from_response(url:, status:, body:, headers:)
        message = error_message(body)
        text = message ? "Error code: #{status} - #{message}" : "Error code: #{status}"
        for_status(status).new(text, url: url, status: status, body: body, headers: headers,
                                     request_id: headers["x-request-id"])
      end

      def self.error_message(body)
        case body
        when Hash
          inner = body["error"] || body[:error]
          if inner.is_a?(Hash)
            (inner["message"] || inner[:message] || inner).to_s
          elsif inner
            inner.to_s
          else
            (body["message"] || body[:message] || JSON.generate(body)).to_s
          end
        when nil, ""
          nil
        else
          body.to_s[0, 500]
        end
      end
    end

    # 400
    class BadRequestError < APIStatusError
    end

    # 401
    class AuthenticationError < APIStatusError
    end

    # 403
    class PermissionDeniedError < APIStatusError
    end

    # 404
    class NotFoundError < APIStatusError
    end

    # 409
    class ConflictError < APIStatusError
    end

    # 422
    class UnprocessableEntityError < APIStatusError
    end

    # 429
    class RateLimitError < APIStatusError
    end

    # 500 and above
    class InternalServerError < APIStatusError
    end
  end
end
