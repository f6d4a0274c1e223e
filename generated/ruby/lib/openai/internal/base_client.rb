# frozen_string_literal: true

module OpenAI
  module Internal
    # What a method called through `with_raw_response` returns: the HTTP
    # status, headers and body, and `parse` for the decoded value.
    class RawResponse
      # @return [Integer]
      attr_reader :status
      # @return [Hash{String=>String}] lower-case header names
      attr_reader :headers
      # @return [String]
      attr_reader :url

      def initialize(status:, headers:, url:, body:, parser:)
        @status = status
        @headers = headers
        @url = url
        @body = body
        @parser = parser
      end

      # @return [String] the response body, undecoded
      def body
        @body.is_a?(String) ? @body : @body.to_a.join
      end

      # @return [Object] what the method returns without `with_raw_response`
      def parse
        @parser.call
      end
    end

    # The HTTP machinery shared by every generated client: URL and body
    # encoding, authentication, retries with backoff, timeouts, decoding.
    class BaseClient
      RETRY_STATUSES = [408, 409, 429].freeze
      MAX_RETRY_AFTER = 60.0
      INITIAL_RETRY_DELAY = 0.5
      MAX_RETRY_DELAY = 8.0
      REQUEST_OPTIONS = %i[extra_headers extra_query extra_body timeout max_retries].freeze
      CONNECTION_ERRORS = [SocketError, SystemCallError, IOError, OpenSSL::SSL::SSLError, Net::HTTPBadResponse,
                           Net::ProtocolError, Zlib::Error].freeze
      LOOPBACK = %w[localhost 127.0.0.1 ::1].freeze

      # @return [String]
      attr_reader :base_url
      # @return [Float] seconds
      attr_reader :timeout
      # @return [Integer]
      attr_reader :max_retries

      def initialize(base_url:, timeout:, max_retries:, default_headers: {}, default_query: {})
        @base_url = base_url.to_s.chomp("/")
        @timeout = Float(timeout)
        @max_retries = Integer(max_retries)
        @default_headers = default_headers.to_h.transform_keys(&:to_s)
        @default_query = default_query.to_h
      end

      def inspect
        "#<#{self.class.name} base_url=#{@base_url.inspect}>"
      end

      # Sends one API call (retrying as configured) and decodes its answer.
      # Generated resource methods are thin wrappers around this.
      def request(method:, path:, query: nil, headers: nil, body: nil, body_fields: false, body_model: nil,
                  encoding: nil, model: nil, page: nil, stream: nil, options: nil, raw: false)
        req = {method: method, path: path, query: query, headers: headers, body: body, body_fields: body_fields,
               body_model: body_model, encoding: encoding, model: model, page: page, stream: stream,
               options: options, raw: raw}
        opts = check_options(options)
        response, text, chunks, url = execute(req, opts)
        parser = -> { decode(req, response, text, chunks) }
        if raw
          return RawResponse.new(status: response.code.to_i, headers: header_hash(response), url: url,
                                 body: text || chunks, parser: parser)
        end

        parser.call
      end

      private

      # Authentication headers; generated clients override this.
      def auth_headers
        {}
      end

      # Authentication query parameters; generated clients override this.
      def auth_query
        {}
      end

      def check_options(options)
        return {} if options.nil?
        raise ArgumentError, "request_options must be a Hash" unless options.is_a?(Hash)

        unknown = options.keys.map(&:to_sym) - REQUEST_OPTIONS
        raise ArgumentError, "unknown request option(s): #{unknown.join(', ')}" unless unknown.empty?

        options.transform_keys(&:to_sym)
      end

      def execute(req, opts)
        url = build_url(req, opts)
        headers = build_headers(req, opts)
        payload, content_type = encode_body(req, opts)
        headers["Content-Type"] = content_type if content_type && !headers.key?("Content-Type")
        max_retries = Integer(opts.fetch(:max_retries, @max_retries))
        timeout = Float(opts.fetch(:timeout, @timeout))
        attempt = 0
        loop do
          headers["x-sdk-retry-count"] = attempt.to_s
          begin
            response, text, chunks = perform(req[:method], url, headers, payload, timeout)
          rescue Timeout::Error
            raise Errors::APITimeoutError.new(url: url) if attempt >= max_retries

            pause(retry_delay(attempt, nil))
            attempt += 1
            next
          rescue *CONNECTION_ERRORS => e
            raise Errors::APIConnectionError.new("Connection error: #{e.message}", url: url) if attempt >= max_retries

            pause(retry_delay(attempt, nil))
            attempt += 1
            next
          end
          status = response.code.to_i
          return [response, text, chunks, url] if status < 300

          if attempt < max_retries && retry_response?(response, status)
            pause(retry_delay(attempt, response))
            attempt += 1
            next
          end
          raise Errors::APIStatusError.from_response(url: url, status: status, body: decode_error(text),
                                                     headers: header_hash(response))
        end
      end

      # One HTTP exchange. The body is read here unless it is an event stream,
      # which is handed back as a chunk enumerator.
      def perform(method, url, headers, payload, timeout)
        uri = URI.parse(url)
        proxy = LOOPBACK.include?(uri.hostname) ? nil : :ENV
        http = Net::HTTP.new(uri.hostname, uri.port, proxy)
        http.use_ssl = uri.scheme == "https"
        http.open_timeout = timeout
        http.read_timeout = timeout
        http.write_timeout = timeout
        http.max_retries = 0 # retries are ours (Net::HTTP would silently repeat idempotent requests)
        request = Net::HTTPGenericRequest.new(method.to_s.upcase, !payload.nil?, method.to_s != "head",
                                              uri.request_uri)
        headers.each { |name, value| request[name] = value }
        request.body = payload unless payload.nil?
        chunks = Enumerator.new do |out|
          http.start do |conn|
            conn.request(request) do |response|
              out << response
              response.read_body { |chunk| out << chunk }
            end
          end
        end
        response = chunks.next
        return [response, nil, chunks] if event_stream?(response) && response.code.to_i < 300

        text = String.new
        loop { text << chunks.next }
        [response, text.force_encoding(Encoding::UTF_8), nil]
      end

      def pause(seconds)
        Kernel.sleep(seconds) if seconds.positive?
      end

      def retry_response?(response, status)
        case response["x-should-retry"].to_s.strip.downcase
        when "true" then return true
        when "false" then return false
        end
        RETRY_STATUSES.include?(status) || status >= 500
      end

      # Seconds to wait before retry number `attempt + 1`.
      def retry_delay(attempt, response)
        hinted = response && retry_after(response)
        return hinted if hinted && hinted > 0 && hinted <= MAX_RETRY_AFTER

        base = [INITIAL_RETRY_DELAY * (2**attempt), MAX_RETRY_DELAY].min
        base * (1 - (Kernel.rand * 0.25))
      end

      def retry_after(response)
        millis = response["retry-after-ms"]
        if millis
          value = Float(millis, exception: false)
          return value / 1000.0 if value
        end
        header = response["retry-after"]
        return nil if header.nil?

        seconds = Float(header, exception: false)
        return seconds if seconds

        begin
          Time.httpdate(header) - Time.now
        rescue ArgumentError
          nil
        end
      end

      def build_url(req, opts)
        query = {}
        query.merge!(@default_query.transform_keys(&:to_s))
        query.merge!(auth_query)
        (req[:query] || {}).each { |k, v| query[k.to_s] = Type.dump(nil, v) unless v.nil? }
        (opts[:extra_query] || {}).each { |k, v| query[k.to_s] = Type.dump(nil, v) }
        url = @base_url + Util.path(check_path(req[:path]))
        encoded = Util.encode_query(query)
        encoded.empty? ? url : "#{url}#{url.include?('?') ? '&' : '?'}#{encoded}"
      end

      def check_path(parts)
        parts.each_with_index do |part, index|
          next if index.even?
          raise ArgumentError, "a path parameter must not be nil or empty" if part.nil? || part.to_s.empty?
        end
        parts
      end

      def build_headers(req, opts)
        headers = {
          "Accept" => "application/json",
          "User-Agent" => "OpenAI/Ruby #{VERSION}"
        }
        headers.merge!(auth_headers)
        headers.merge!(@default_headers)
        (req[:headers] || {}).each { |k, v| headers[k.to_s] = Util.scalar(Type.dump(nil, v)) unless v.nil? }
        (opts[:extra_headers] || {}).each do |k, v|
          v.nil? ? headers.delete(k.to_s) : headers[k.to_s] = v.to_s
        end
        headers
      end

      def encode_body(req, opts)
        body = req[:body]
        extra = opts[:extra_body]
        if req[:body_fields]
          body = body.compact
          body = req[:body_model] ? req[:body_model].dump_hash(body) : Type.dump(nil, body)
          body = nil if body.empty? && extra.nil? && req[:encoding] != :json
        elsif !body.nil? && req[:encoding] != :raw && req[:encoding] != :multipart
          body = Type.dump(nil, body)
        end
        if extra
          body = (body.is_a?(Hash) ? body : {}).merge(Type.dump(nil, extra.to_h))
        end
        return [nil, nil] if body.nil?

        case req[:encoding]
        when :multipart
          Util.encode_multipart(body)
        when :form
          [URI.encode_www_form(Util.query_pairs(body)), "application/x-www-form-urlencoded"]
        when :raw
          content = Util.file_like?(body) ? Util.file_parts(body).first : body.to_s
          [content, "application/octet-stream"]
        else
          [JSON.generate(body), "application/json"]
        end
      end

      def event_stream?(response)
        response["content-type"].to_s.downcase.start_with?("text/event-stream")
      end

      def json?(response)
        type = response["content-type"].to_s.downcase
        type.include?("application/json") || type.include?("+json")
      end

      def header_hash(response)
        response.each_header.to_h { |name, value| [name.downcase, value] }
      end

      def decode_error(text)
        return nil if text.nil? || text.empty?

        JSON.parse(text)
      rescue JSON::ParserError
        text
      end

      def decode(req, response, text, chunks)
        if chunks
          return Stream.new(chunks: chunks, type: req[:stream] || req[:model])
        end
        return nil if text.nil? || text.empty?
        return text unless json?(response) || (req[:model] && text.lstrip.start_with?("{", "["))

        data = JSON.parse(text)
        return req[:page].new(client: self, request: req, data: data) if req[:page]

        Type.coerce(req[:model], data)
      end
    end
  end
end
