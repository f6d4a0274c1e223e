# frozen_string_literal: true

module OpenAI
  # A file to upload, with an explicit name and content type. Upload
  # parameters also take a `File`, a `Pathname`, a `StringIO` or any IO.
  #
  # @example
  #   OpenAI::FilePart.new(StringIO.new("raw bytes"), filename: "notes.txt", content_type: "text/plain")
  class FilePart
    attr_reader :content, :filename, :content_type

    # @param content [String, IO, StringIO, Pathname]
    # @param filename [String, nil] the part's file name (default: the file's own, else "upload")
    # @param content_type [String, nil] the part's content type (default: the one the API declares)
    def initialize(content, filename: nil, content_type: nil)
      @content = content
      @filename = filename
      @content_type = content_type
    end
  end

  module Internal
    # Helpers for files given as upload values.
    module Util
      class << self
        # Whether a value is sent as a file: a FilePart, a Pathname or an IO
        # (File, StringIO, anything with #read).
        def file_like?(value)
          value.is_a?(FilePart) || value.is_a?(Pathname) || value.respond_to?(:read)
        end

        # @return [Array(String, String, String, nil)] the bytes, the file name
        #   ("upload" when there is none) and the content type given (or nil)
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
              filename ||= File.basename(value.path.to_s) if value.respond_to?(:path) && value.path
              value.rewind if value.respond_to?(:rewind) && value.respond_to?(:pos) && value.pos.positive?
              value.read
            else
              value.to_s
            end
          [content.to_s.b, filename.nil? || filename.to_s.empty? ? "upload" : filename.to_s, content_type]
        end
      end
    end
  end
end
