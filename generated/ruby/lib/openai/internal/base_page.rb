# frozen_string_literal: true

module OpenAI
  module Internal
    # One page of a paginated list, Enumerable over every item of every page:
    # `each` (and `auto_paging_each`) fetch the next pages as needed;
    # `next_page?` and `next_page` step by hand. Subclasses name the fields of
    # their scheme.
    class BasePage
      include Enumerable

      LINK = /<([^>]*)>([^<]*)/
      REL = /\brel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i

      # @return [Array] the items on this page (decoded)
      attr_reader :items

      def initialize(client:, request:, data:, headers: {})
        @client = client
        @request = request
        @headers = headers
        @data = data.is_a?(Hash) ? data : {}
        raw_items = data.is_a?(Array) && self.class::ITEMS.to_s.empty? ? data : @data[self.class::ITEMS]
        @items = Array(raw_items).map { |item| Type.coerce(request[:model], item) }
        @raw_items = Array(raw_items)
      end

      # A raw field of the page body (e.g. `page["has_more"]`).
      def [](key)
        @data[key.to_s]
      end

      # @return [Array] the items on this page
      def data
        items
      end

      # @return [Boolean] whether another page can be fetched
      def next_page?
        !next_query.nil?
      end

      # Fetches the next page.
      # @return [BasePage]
      def next_page
        query = next_query
        raise Errors::Error, "there is no next page; check next_page? first" if query.nil?

        params = @request[:params] || []
        query.each do |name, value|
          cursor = {in: :query, name: name, style: :form, explode: true, value: value}
          found = false
          params = params.map do |param|
            next param unless param[:in] == :query && param[:name] == name

            found = true
            param.merge(value: value)
          end
          params += [cursor] unless found
        end
        @client.request(**@request, params: params)
      end

      # Yields every item of this page and the following ones.
      def auto_paging_each(&block)
        return enum_for(:auto_paging_each) unless block

        page = self
        loop do
          page.items.each(&block)
          break unless page.next_page?

          page = page.next_page
        end
        self
      end

      # Yields every item of this page and the following ones (Enumerable).
      def each(&block)
        return enum_for(:each) unless block

        auto_paging_each(&block)
      end

      def inspect
        "#<#{self.class.name} items=#{@items.size} next_page?=#{next_page?}>"
      end

      private

      # The query parameters that ask for the next page ({name => value}), or nil on the last page.
      def next_query
        return nil if @items.empty? || self.class::STYLE == :single

        has_more = self.class::HAS_MORE
        return nil if has_more && @data.key?(has_more) && @data[has_more] != true

        case self.class::STYLE
        when :next_link then query_of(dig(self.class::NEXT_PATH))
        when :link_header then query_of(link_next)
        else
          param = self.class::CURSOR_PARAM
          value = param && next_value(param)
          value.nil? ? nil : {param => value}
        end
      end

      # The next value of the cursor, offset or page-number parameter.
      def next_value(param)
        current = (@request[:params] || []).find do |entry|
          entry[:in] == :query && entry[:name] == param
        end&.fetch(:value)
        case self.class::STYLE
        when :offset then current.to_i + @items.size
        when :page then (current || 1).to_i + 1
        else
          path = self.class::NEXT_PATH
          cursor = path.empty? ? nil : dig(path)
          return cursor unless cursor.nil? || cursor == ""
          # the next cursor is the only sign of a next page
          return nil if !path.empty? && self.class::HAS_MORE.nil?

          last = @raw_items.last
          id = last.is_a?(Hash) ? last["id"] : nil
          id == "" ? nil : id
        end
      end

      # The value at `path` (keys from the body down).
      def dig(path)
        path.reduce(@data) { |value, key| value.is_a?(Hash) ? value[key] : nil }
      end

      # The `rel="next"` URL of the response's `Link` header (RFC 8288).
      def link_next
        Array(@headers["link"]).join(",").scan(LINK).each do |url, params|
          rel = REL.match(params)
          return url if rel && (rel[1] || rel[2]).to_s.downcase.split.include?("next")
        end
        nil
      end

      # A next page's URL as the query to send to the same operation (never another host).
      def query_of(url)
        return nil unless url.is_a?(String) && !url.empty?

        query = URI.decode_www_form(URI.parse(url).query.to_s).to_h
        query.empty? ? nil : query
      rescue URI::Error, ArgumentError
        nil
      end
    end
  end
end
