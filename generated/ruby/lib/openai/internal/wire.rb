# frozen_string_literal: true

module OpenAI
  module Internal
    # What goes on the wire, one serializer per concern (docs/WIRE.md of
    # sdkforge): percent-encoding, path, query, header and cookie parameters
    # in every OpenAPI style, and json / multipart / form / binary / text
    # request bodies. Generated methods pass the facts (location, wire name,
    # style, explode, encodings) as plain data.
    module Wire
      UNRESERVED = /[^A-Za-z0-9\-._~]/n.freeze
      DOTS = /\A\.+\z/.freeze
      OMITTED = Object.new.freeze

      class << self
        # UTF-8, every byte but the unreserved characters as %XX (upper-case hex).
        def encode(text)
          text = text.to_s
          bytes = [Encoding::UTF_8, Encoding::BINARY, Encoding::US_ASCII].include?(text.encoding) ? text.b : text.encode(Encoding::UTF_8).b
          bytes.gsub(UNRESERVED) { |ch| format("%%%02X", ch.ord) }
        end

        # A scalar as text: strings as they are, true/false, integers in
        # decimal, other numbers in their shortest round-tripping form.
        def scalar(value)
          case value
          when true then "true"
          when false then "false"
          when Float then float_text(value)
          when Time then value.utc.iso8601
          else value.to_s
          end
        end

        def float_text(value)
          return value.to_s unless value.finite?
          return value.to_i.to_s if value == value.truncate && value.abs < 1e16

          value.to_s.sub(/\.0(?=e)/, "").sub(/e([+-])0*(\d)/, 'e\1\2')
        end

        # The value of one parameter, ready to be written (models, Symbols and
        # Times as their wire form).
        def plain(value)
          Type.dump(nil, value)
        end

        # ---------------------------------------------------------------- path

        # One path parameter in its style (simple, label or matrix).
        def path_param(param)
          name = param[:name].to_s
          value = plain(param[:value])
          if value.nil? || (value.respond_to?(:empty?) && value.empty?)
            raise ArgumentError, "path parameter #{name.inspect} must not be nil or empty"
          end

          style = param[:style].to_s
          explode = param[:explode] ? true : false
          key = encode(name)
          case value
          when Array
            items = value.compact.map { |item| segment(item) }
            case style
            when "label" then ".#{items.join(explode ? '.' : ',')}"
            when "matrix" then explode ? items.map { |item| ";#{key}=#{item}" }.join : ";#{key}=#{items.join(',')}"
            else items.join(",")
            end
          when Hash
            pairs = value.reject { |_, v| v.nil? }.map { |k, v| [encode(k), segment(v)] }
            flat = explode ? pairs.map { |k, v| "#{k}=#{v}" } : pairs.flatten
            case style
            when "label" then ".#{flat.join(explode ? '.' : ',')}"
            when "matrix" then explode ? flat.map { |kv| ";#{kv}" }.join : ";#{key}=#{flat.join(',')}"
            else flat.join(",")
            end
          else
            text = segment(value)
            case style
            when "label" then ".#{text}"
            when "matrix" then ";#{key}=#{text}"
            else text
            end
          end
        end

        # A path template ("/items/{id}") with its parameters filled in; a character of the
        # template's own text that a URL path cannot hold is percent-encoded ("/<upload_url>"),
        # a fragment is not sent ("/shared_items#folders") and a query it carries stays one.
        def path(template, params)
          values = {}
          (params || []).each { |param| values[param[:name].to_s] = path_param(param) if param[:in] == :path }
          template.to_s.sub(/#.*\z/m, "").split(/(\{[^{}]*\})/).map do |part|
            if part.match?(/\A\{[^{}]*\}\z/)
              values.fetch(part[1..-2], part)
            else
              part.gsub(%r{[^A-Za-z0-9\-._~!$&'()*+,;=:@/%?]}) { |ch| ch.bytes.map { |b| format("%%%02X", b) }.join }
            end
          end.join
        end

        # ---------------------------------------------------------------- query

        # The "name=value" pairs (encoded) of one query parameter in its style.
        def query_param(param)
          value = plain(param[:value])
          return [] if value.nil?

          styled_pairs(param[:name].to_s, value, param[:style].to_s, param[:explode] ? true : false)
        end

        def styled_pairs(name, value, style, explode)
          key = encode(name)
          case value
          when Array
            items = value.compact
            return [] if items.empty?
            return deep_pairs(name, items) if style == "deepObject"

            texts = items.map { |item| encode(scalar(item)) }
            return texts.map { |text| "#{key}=#{text}" } if explode

            ["#{key}=#{texts.join(delimiter(style))}"]
          when Hash
            entries = value.reject { |_, v| v.nil? }
            return [] if entries.empty?
            return deep_pairs(name, entries) if style == "deepObject"
            return entries.map { |k, v| "#{encode(k)}=#{encode(scalar(v))}" } if explode

            ["#{key}=#{entries.flat_map { |k, v| [encode(k), encode(scalar(v))] }.join(delimiter(style))}"]
          else
            ["#{key}=#{encode(scalar(value))}"]
          end
        end

        # The query string: the operation's parameters in order, then `extra`
        # pairs ([name, value]).
        def query(params, extra = [])
          pairs = []
          (params || []).each { |param| pairs.concat(query_param(param)) if param[:in] == :query }
          extra.each do |name, value|
            v = plain(value)
            pairs.concat(styled_pairs(name.to_s, v, "form", true)) unless v.nil?
          end
          pairs
        end

        # ---------------------------------------------------------------- header

        # One header parameter (style simple), or nil when unset.
        def header_param(param)
          value = plain(param[:value])
          return nil if value.nil?

          explode = param[:explode] ? true : false
          text =
            case value
            when Array then value.compact.map { |item| scalar(item) }.join(",")
            when Hash
              pairs = value.reject { |_, v| v.nil? }.map { |k, v| [k.to_s, scalar(v)] }
              (explode ? pairs.map { |k, v| "#{k}=#{v}" } : pairs.flatten).join(",")
            else scalar(value)
            end
          header_value(param[:name], text)
        end

        def header_value(name, text)
          text = text.to_s
          raise ArgumentError, "header #{name.to_s.inspect} must not contain CR or LF" if text.match?(/[\r\n]/)

          text
        end

        # ---------------------------------------------------------------- cookie

        # "name=value" pairs (values encoded) of the cookie parameters.
        def cookies(params)
          pairs = []
          (params || []).each do |param|
            next unless param[:in] == :cookie

            value = plain(param[:value])
            next if value.nil?

            pairs.concat(styled_pairs(param[:name].to_s, value, "form", param[:explode] ? true : false))
          end
          pairs
        end

        # ---------------------------------------------------------------- bodies

        # @return [Array(String, String)] the body bytes and the Content-Type
        def body(kind, media_type, value, fields)
          case kind
          when :multipart then multipart(value, fields || {})
          when :form then [form(value, fields || {}), "application/x-www-form-urlencoded"]
          when :binary
            content = Util.file_like?(value) ? Util.file_parts(value).first : value.to_s
            type = media_type.to_s
            [content.b, type.empty? || type.include?("*") ? "application/octet-stream" : type]
          when :text then [value.to_s.encode(Encoding::UTF_8).b, media_type || "text/plain"]
          else [JSON.generate(value), media_type || "application/json"]
          end
        end

        # application/x-www-form-urlencoded: pairs as for the query, each field
        # by its encoding's style and explode (default form, exploded: arrays
        # as repeated keys); objects in (encoded) bracket form, arrays inside
        # them as name[key][]; an array holding objects in bracket form with
        # its items indexed (name[0][key]).
        def form(hash, fields)
          pairs = []
          hash.each do |key, value|
            name = key.to_s
            encoding = fields[name] || {}
            value = encoding["json"] ? JSON.generate(plain(value)) : plain(value)
            next if value.nil?

            if value.is_a?(Hash) || (value.is_a?(Array) && value.any? { |item| item.is_a?(Hash) || item.is_a?(Array) })
              pairs.concat(deep_pairs(name, value))
            else
              explode = encoding.key?("explode") ? encoding["explode"] : true
              pairs.concat(styled_pairs(name, value, encoding.fetch("style", "form").to_s, explode ? true : false))
            end
          end
          pairs.join("&")
        end

        # multipart/form-data: one part per field, in order.
        # @return [Array(String, String)]
        def multipart(hash, fields)
          boundary = "sdkforge-#{SecureRandom.hex(16)}"
          parts = []
          hash.each do |key, value|
            next if value.nil?

            name = key.to_s
            encoding = fields[name] || {}
            if encoding["json"]
              parts << [name, JSON.generate(plain(value)), nil, encoding["content_type"] || "application/json"]
            else
              multipart_parts(parts, name, value, encoding["content_type"])
            end
          end
          body = String.new(encoding: Encoding::BINARY)
          parts.each do |name, content, filename, content_type|
            body << "--#{boundary}\r\n"
            body << "Content-Disposition: form-data; name=\"#{quoted(name)}\""
            body << "; filename=\"#{quoted(filename)}\"" if filename
            body << "\r\n"
            body << "Content-Type: #{header_value(name, content_type)}\r\n" if content_type
            body << "\r\n" << content.b << "\r\n"
          end
          body << "--#{boundary}--\r\n"
          [body, "multipart/form-data; boundary=#{boundary}"]
        end

        private

        def delimiter(style)
          case style
          when "spaceDelimited" then "%20"
          when "pipeDelimited" then "|"
          else ","
          end
        end

        def segment(value)
          text = scalar(value)
          text.match?(DOTS) ? text.gsub(".", "%2E") : encode(text)
        end

        # deepObject pairs: name[key]=v, nested name[a][b]=v, arrays name[]=v
        # (an object or array item indexed: name[0][key]=v).
        def deep_pairs(name, value)
          case value
          when Hash
            value.reject { |_, v| v.nil? }.flat_map { |k, v| deep_pairs("#{name}[#{k}]", v) }
          when Array
            value.compact.each_with_index.flat_map { |item, i| deep_pairs(item_key(name, item, i), item) }
          else
            ["#{encode(name)}=#{encode(scalar(value))}"]
          end
        end

        def multipart_parts(parts, name, value, content_type)
          if Util.file_like?(value)
            content, filename, given_type = Util.file_parts(value)
            parts << [name, content, filename, given_type || content_type || "application/octet-stream"]
            return
          end
          value = plain(value)
          case value
          when nil then nil
          when Hash then value.each { |k, v| multipart_parts(parts, "#{name}[#{k}]", v, content_type) }
          when Array
            value.each_with_index { |item, i| multipart_parts(parts, item_key(name, item, i), item, content_type) }
          else parts << [name, scalar(value), nil, nil]
          end
        end

        # An array item's key in bracket form: name[] for a scalar, name[i]
        # for an object or array.
        def item_key(name, item, index)
          item.is_a?(Hash) || item.is_a?(Array) ? "#{name}[#{index}]" : "#{name}[]"
        end

        def quoted(text)
          text.to_s.gsub(/[\r\n"]/) { |ch| format("%%%02X", ch.ord) }
        end
      end
    end
  end
end
