# frozen_string_literal: true

module OpenAI
  module Internal
    # Splits a `text/event-stream` body into events (`{event:, data:, id:,
    # retry:}`), chunk by chunk; lines may end in `\n`, `\r\n` or `\r`.
    class SSEDecoder
      def initialize
        @buffer = String.new
        @reset = true
        @pending_cr = false
      end

      # Feeds a chunk; yields each complete event.
      def feed(chunk, &block)
        text = chunk.to_s.dup.force_encoding(Encoding::UTF_8)
        if @pending_cr
          text = text.delete_prefix("\n")
          @pending_cr = false
        end
        @buffer << text
        while (index = @buffer.index(/\r\n|\r|\n/))
          terminator = @buffer[index] == "\r" && @buffer[index + 1] == "\n" ? 2 : 1
          if @buffer[index] == "\r" && index + 1 == @buffer.length
            @pending_cr = true
            terminator = 1
          end
          line = @buffer.slice!(0, index + terminator)[0, index]
          process_line(line, &block)
        end
      end

      # Flushes the last event when the stream ends without a blank line.
      def finish(&block)
        process_line(@buffer.slice!(0, @buffer.length), &block) unless @buffer.empty?
        process_line("", &block)
      end

      private

      def process_line(line, &block)
        if @reset
          @event = nil
          @data = []
          @id = nil
          @retry = nil
          @reset = false
        end
        if line.empty?
          dispatch(&block)
          return
        end
        return if line.start_with?(":")

        name, _, value = line.partition(":")
        value = value.delete_prefix(" ")
        case name
        when "event" then @event = value
        when "data" then @data << value
        when "id" then @id = value unless value.include?("\u0000")
        when "retry" then @retry = Integer(value, exception: false)
        end
      end

      def dispatch
        event = {event: @event, data: @data.join("\n"), id: @id, retry: @retry}
        had_content = !@data.empty? || !@event.nil?
        @reset = true
        yield event if had_content
      end
    end

    # A server-sent event stream: an Enumerable of decoded events. Iterate it
    # once (`each`, `to_a`, `first`...). `data: [DONE]` ends it; an `error`
    # event raises OpenAI::Errors::APIError.
    class Stream
      include Enumerable

      def initialize(chunks:, type: nil)
        @chunks = chunks
        @type = type
        @consumed = false
      end

      def each
        return enum_for(:each) unless block_given?
        raise Errors::Error, "a stream can be iterated only once" if @consumed

        @consumed = true
        decoder = SSEDecoder.new
        done = false
        handler = lambda do |event|
          next if done

          data = event[:data]
          if data.start_with?("[DONE]")
            done = true
            next
          end
          payload = parse(data)
          if event[:event] == "error"
            message = Errors::APIStatusError.error_message(payload) || data
            raise Errors::APIError.new(message, body: payload)
          end
          yield Type.coerce(@type, payload)
        end
        loop do
          break if done

          decoder.feed(@chunks.next, &handler)
        end
        decoder.finish(&handler) unless done
        self
      end

      private

      def parse(data)
        JSON.parse(data)
      rescue JSON::ParserError
        data
      end
    end
  end
end
