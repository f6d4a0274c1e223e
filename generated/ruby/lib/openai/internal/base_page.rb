# frozen_string_literal: true

module OpenAI
  module Internal
    # One page of a paginated list. `auto_paging_each` walks every item of
    # every page (fetching the next pages as needed); `next_page?` and
    # `next_page` step by hand. Subclasses name the fields of their scheme.
    class BasePage
      # @return [Array] the items on this page (decoded)
      attr_reader :items

      def initialize(client:, request:, data:)
        @client = client
        @request = request
        @data = data.is_a?(Hash) ? data : {}
        raw_items = data.is_a?(Array) ? data : @data[self.class::ITEMS]
        @items = Array(raw_items).map { |item| Type.coerce(request[:model], item) }
        @raw_items = Array(raw_items)
      end

      # A raw field of the page body (e.g. `page["has_more"]`).
      def [](key)
        @data[key.to_s]
      end

      # @return [Boolean] whether another page can be fetched
      def next_page?
        return false if @items.empty?

        has_more = self.class::HAS_MORE
        return false if has_more && @data.key?(has_more) && @data[has_more] != true

        !next_cursor.nil?
      end

      # Fetches the next page.
      # @return [BasePage]
      def next_page
        raise Errors::Error, "there is no next page; check next_page? first" unless next_page?

        cursor = {in: :query, name: self.class::CURSOR_PARAM, style: :form, explode: true, value: next_cursor}
        params = @request[:params] || []
        found = false
        params = params.map do |param|
          next param unless param[:in] == :query && param[:name] == cursor[:name]

          found = true
          param.merge(value: cursor[:value])
        end
        params += [cursor] unless found
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

      def inspect
        "#<#{self.class.name} items=#{@items.size} next_page?=#{next_page?}>"
      end

      private

      # The value of the cursor parameter that asks for the next page.
      def next_cursor
        return nil if self.class::CURSOR_PARAM.nil?

        current = (@request[:params] || []).find do |param|
          param[:in] == :query && param[:name] == self.class::CURSOR_PARAM
        end&.fetch(:value)
        case self.class::STYLE
        when :offset
          current.to_i + @items.size
        when :page
          (current || 1).to_i + 1
        else
          field = self.class::NEXT_CURSOR
          cursor = field && @data[field]
          return cursor unless cursor.nil? || cursor == ""

          last = @raw_items.last
          last.is_a?(Hash) ? last["id"] : nil
        end
      end
    end
  end
end
