# frozen_string_literal: true

module OpenAI
  module Internal
    # Pagination scheme CursorPage (:cursor).
    class CursorPage < OpenAI::Internal::BasePage
      STYLE = :cursor
      ITEMS = "data"
      HAS_MORE = "has_more"
      CURSOR_PARAM = "after"
      LIMIT_PARAM = "limit"
      NEXT_CURSOR = "last_id"
      NEXT_PATH = ["last_id"].freeze

      # @return [Array] the items on this page
      def data
        items
      end
    end
  end
end
