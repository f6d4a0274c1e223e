# frozen_string_literal: true

module OpenAI
  # A file to upload, with an explicit name and content type. Upload
  # parameters also take a `File`, a `Pathname`, a `StringIO` or any IO.
  class FilePart
    attr_reader :content, :filename, :content_type

    # @param content [String, IO, StringIO, Pathname]
    # @param filename [String, nil]
    # @param content_type [String, nil]
    def initialize(content, filename: nil, content_type: nil)
      @content = content
      @filename = filename
      @content_type = content_type
    end
  end

  module Internal
    # Helpers for URLs, query strings and request bodies.
    module Util
      class << self
        # Joins path pieces; odd pieces are parameters and get percent-encoded.
        def path(parts)
          parts.each_with_index.map do |part, index|
            index.odd? ? encode_segment(part) : part.to_s
          end.join
        end

        def encode_segment(value)
          URI.encode_www_form_component(scalar(value)).gsub("+", "%20")
        end

        # Flattens a query Hash into key/value pairs: arrays repeat the key,
        # hashes use `key[sub]`, nil values are dropped.
        def query_pairs(hash, prefix = nil)
          pairs = []
          hash.each do |key, value|
            name = prefix ? "#{prefix}[#{key}]" : key.to_s
            flatten_pair(pairs, name, value)
          end
          pairs
        end

        def encode_query(hash)
          URI.encode_www_form(query_pairs(hash))
        end

        def scalar(value)
          case value
          when true then "true"
          when false then "false"
          when Time then value.utc.iso8601
          else value.to_s
          end
        end

        # @return [Array(String, String)] the body and its content type
        def encode_multipart(hash)
          boundary = "sdkforge-boundary-#{SecureRandom.hex(16)}"
          body = String.new(encoding: Encoding::BINARY)
          multipart_pairs(hash).each do |name, value|
            body << "--#{boundary}\r\n"
            if file_like?(value)
              content, filename, content_type = file_parts(value)
              body << "Content-Disposition: form-data; name=\"#{header_safe(name)}\"; " \
                      "filename=\"#{header_safe(filename)}\"\r\n"
              body << "Content-Type: #{header_safe(content_type)}\r\n\r\n"
              body << content.b
            else
              body << "Content-Disposition: form-data; name=\"#{header_safe(name)}\"\r\n\r\n"
              body << scalar_or_json(value).b
            end
            body << "\r\n"
          end
          body << "--#{boundary}--\r\n"
          [body, "multipart/form-data; boundary=#{boundary}"]
        end

        def file_like?(value)
          value.is_a?(FilePart) || value.is_a?(Pathname) || value.respond_to?(:read)
        end

        # @return [Array(String, String, String)] content, file name, content type
        def file_parts(value)
          filename = nil
          content_type = nil
          if value.is_a?(FilePart)
            filename = value.filename
            content_type = value.content_type
            value = value.content
          end
          content =
            if value.is_a?(Pathname)
              filename ||= value.basename.to_s
              value.binread
            elsif value.respond_to?(:read)
              filename ||= File.basename(value.path) if value.respond_to?(:path) && value.path
              value.read
            else
              value.to_s
            end
          [content.to_s, filename || "upload", content_type || "application/octet-stream"]
        end

        private

        def flatten_pair(pairs, name, value)
          case value
          when nil
            nil
          when Hash
            pairs.concat(query_pairs(value, name))
          when Array
            value.each { |item| flatten_pair(pairs, name, item) }
          else
            pairs << [name, scalar(value)]
          end
        end

        def multipart_pairs(hash, prefix = nil)
          pairs = []
          hash.each do |key, value|
            name = prefix ? "#{prefix}[#{key}]" : key.to_s
            case value
            when nil
              next
            when Hash
              pairs.concat(multipart_pairs(value, name))
            when Array
              value.each { |item| pairs << [name, item] unless item.nil? }
            else
              pairs << [name, value]
            end
          end
          pairs
        end

        def scalar_or_json(value)
          case value
          when String, Symbol, Numeric, true, false then scalar(value)
          else JSON.generate(value)
          end
        end

        def header_safe(text)
          text.to_s.gsub(/[\r\n"]/) { |ch| format("%%%02X", ch.ord) }
        end
      end
    end
  end
end
