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

      # @param schemes [Hash{String=>Hash}] security schemes by name: kind (:bearer, :basic, :api_key),
      #   in (:header, :query, :cookie), name (header, query or cookie name), credentials (option names)
      # @param credentials [Hash{String=>String, nil}] credential values by option name
      # @param credential_env [Hash{String=>String}] the environment variable of each credential option
      def initialize(base_url:, timeout:, max_retries:, default_headers: {}, default_query: {}, schemes: {},
                     credentials: {}, credential_env: {})
        @base_url = base_url.to_s.chomp("/")
        @timeout = Float(timeout)
        @max_retries = Integer(max_retries)
        @default_headers = default_headers.to_h.transform_keys(&:to_s)
        @default_query = default_query.to_h
        @schemes = schemes
        @credentials = credentials.transform_values { |v| v.nil? || v.to_s.empty? ? nil : v.to_s }
        @credential_env = credential_env
      end

      def inspect
        "#<#{self.class.name} base_url=#{@base_url.inspect}>"
      end

      # Sends one API call (retrying as configured) and decodes its answer.
      # Generated resource methods are thin wrappers around this: they pass the
      # path template, the parameters (`{in:, name:, style:, explode:, value:}`),
      # the security alternatives, the body and its encoding, the Accept header
      # and the response kind as plain data.
      def request(method:, path:, params: nil, security: nil, body: nil, body_fields: false, body_model: nil,
                  body_required: false, encoding: nil, content_type: nil, fields: nil, accept: nil, response: :json,
                  model: nil, page: nil, stream: nil, streaming: nil, options: nil, raw: false)
        req = {method: method, path: path, params: params, security: security, body: body, body_fields: body_fields,
               body_model: body_model, body_required: body_required, encoding: encoding, content_type: content_type,
               fields: fields, accept: accept, response: response, model: model, page: page, stream: stream,
               streaming: streaming, options: options, raw: raw}
        opts = check_options(options)
        response, text, chunks, url = execute(req, opts)
        parser = -> { decode(req, response, text, chunks) }
        if raw
          return RawResponse.new(status: response.code.to_i, headers: header_hash(response), url: url,
                                 body: chunks || (req[:response] == :binary ? text : utf8(text)), parser: parser)
        end

        parser.call
      end

      private

      def check_options(options)
        return {} if options.nil?
        raise ArgumentError, "request_options must be a Hash" unless options.is_a?(Hash)

        unknown = options.keys.map(&:to_sym) - REQUEST_OPTIONS
        raise ArgumentError, "unknown request option(s): #{unknown.join(', ')}" unless unknown.empty?

        options.transform_keys(&:to_sym)
      end

      def execute(req, opts)
        auth = authenticate(req[:security])
        url = build_url(req, opts, auth)
        headers = build_headers(req, opts, auth)
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
          raise Errors::APIStatusError.from_response(url: url, status: status, body: decode_error(utf8(text)),
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
        request.delete("Accept") # Net::HTTP's default */*: Accept is the operation's, or none
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
        [response, text, nil]
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

      # The credentials to send: the first security alternative whose
      # credentials are all set (an empty one is anonymous access).
      # @return [Hash] headers, query pairs and cookie pairs
      def authenticate(security)
        auth = {headers: {}, query: [], cookies: []}
        return auth if security.nil? || security.empty?

        chosen = security.find { |alt| alt.all? { |name| scheme_ready?(name) } }
        raise Errors::Error, missing_credentials(security) if chosen.nil?

        chosen.each do |name|
          scheme = @schemes.fetch(name)
          values = scheme[:credentials].map { |key| @credentials[key] }
          case scheme[:kind]
          when :bearer then auth[:headers][scheme[:name]] = "Bearer #{values.first}"
          when :basic then auth[:headers][scheme[:name]] = "Basic #{[values.join(':')].pack('m0')}"
          else
            case scheme[:in]
            when :query then auth[:query] << [scheme[:name], values.first]
            when :cookie then auth[:cookies] << "#{Wire.encode(scheme[:name])}=#{Wire.encode(values.first)}"
            else auth[:headers][scheme[:name]] = Wire.header_value(scheme[:name], values.first)
            end
          end
        end
        auth
      end

      def scheme_ready?(name)
        scheme = @schemes[name]
        !scheme.nil? && scheme[:credentials].all? { |key| !@credentials[key].nil? }
      end

      def missing_credentials(security)
        options = security.map do |alt|
          keys = alt.flat_map { |name| @schemes.fetch(name)[:credentials] }.uniq
          keys.map { |key| "#{key}: (or ENV[\"#{@credential_env[key]}\"])" }.join(" and ")
        end
        "This request needs credentials: pass #{options.join(', or ')} to #{self.class.name}.new"
      end

      def build_url(req, opts, auth)
        params = req[:params] || []
        extra = @default_query.to_a + (opts[:extra_query] || {}).to_a
        pairs = Wire.query(params, extra)
        names = pairs.map { |pair| pair.split("=", 2).first }
        auth[:query].each do |name, value|
          key = Wire.encode(name)
          pairs << "#{key}=#{Wire.encode(value)}" unless names.include?(key)
        end
        url = @base_url + Wire.path(req[:path], params)
        pairs.empty? ? url : "#{url}#{url.include?('?') ? '&' : '?'}#{pairs.join('&')}"
      end

      def build_headers(req, opts, auth)
        headers = {"User-Agent" => "OpenAI/Ruby #{VERSION}"}
        headers["Accept"] = req[:accept] if req[:accept]
        headers.merge!(auth[:headers])
        headers.merge!(@default_headers)
        params = req[:params] || []
        params.each do |param|
          next unless param[:in] == :header

          value = Wire.header_param(param)
          headers[param[:name].to_s] = value unless value.nil?
        end
        cookies = Wire.cookies(params) + auth[:cookies]
        headers["Cookie"] = cookies.join("; ") unless cookies.empty?
        (opts[:extra_headers] || {}).each do |k, v|
          v.nil? ? headers.delete(k.to_s) : headers[k.to_s] = Wire.header_value(k, v)
        end
        headers
      end

      def encode_body(req, opts)
        body = req[:body]
        extra = opts[:extra_body]
        kind = req[:encoding]
        if req[:body_fields]
          body = body.reject { |_, v| Wire::OMITTED.equal?(v) }
          body = body.compact unless kind == :json
          body = body_dump(req, body)
          body = nil if body.empty? && extra.nil? && kind != :json && !req[:body_required]
        elsif !body.nil? && kind == :json
          body = Type.dump(nil, body)
        end
        if extra
          body = (body.is_a?(Hash) ? body : {}).merge(Type.dump(nil, extra.to_h).transform_keys(&:to_s))
        end
        return [nil, nil] if body.nil? || kind.nil?

        Wire.body(kind, req[:content_type], body, req[:fields])
      end

      # Body fields to their wire form; files stay as they are.
      def body_dump(req, body)
        files = body.select { |_, v| Util.file_like?(v) || (v.is_a?(Array) && v.any? { |i| Util.file_like?(i) }) }
        rest = body.reject { |k, _| files.key?(k) }
        dumped = req[:body_model] ? req[:body_model].dump_hash(rest) : Type.dump(nil, rest)
        body.keys.to_h { |k| [k.to_s, files.key?(k) ? files[k] : dumped[k.to_s]] }
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

      def utf8(text)
        text&.dup&.force_encoding(Encoding::UTF_8)
      end

      # The result of a call. A call that asked for events (`streaming: true`) gets a
      # Stream or an error; one that did not (`false`) never gets a Stream; `nil`:
      # the answer's content type decides.
      def decode(req, response, text, chunks)
        if req[:streaming] == true && chunks.nil?
          raise Errors::APIError.new("the call asked for server-sent events, but the server answered " \
                                     "#{response['content-type'].inspect}", body: decode_error(utf8(text)),
                                     headers: header_hash(response))
        end
        return Stream.new(chunks: chunks, type: req[:stream] || req[:model]) if chunks && req[:streaming] != false

        if chunks # events the call did not ask for: read as the body they are
          text = String.new
          loop { text << chunks.next }
        end
        case req[:response]
        when :empty then return nil
        when :binary then return StringIO.new(text.b)
        when :text then return utf8(text)
        end
        text = utf8(text)
        return nil if text.nil? || text.empty?
        return text unless json?(response) || (req[:model] && text.lstrip.start_with?("{", "["))

        data = JSON.parse(text)
        return req[:page].new(client: self, request: req, data: data, headers: response.to_hash) if req[:page]

        Type.coerce(req[:model], data)
      end
    end
  end
end
