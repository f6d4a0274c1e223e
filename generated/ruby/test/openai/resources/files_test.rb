# frozen_string_literal: true

require_relative "../../test_helper"

module OpenAI
  module Test
    class FilesTest < OpenAI::Test::ResourceTest
      def test_list_required_params
        result = @client.files.list()
        assert_kind_of(OpenAI::Internal::CursorPage, result)
        # Enumerable over every page: the first item only (a mock serves one cursor forever)
        result.first(1).each { |item| refute_nil(item) }
      end

      def test_list_all_params
        result = @client.files.list(purpose: "purpose", limit: 1, order: "asc", after: "after")
        assert_kind_of(OpenAI::Internal::CursorPage, result)
        # Enumerable over every page: the first item only (a mock serves one cursor forever)
        result.first(1).each { |item| refute_nil(item) }
      end

      def test_retrieve_required_params
        result = @client.files.retrieve("file-abc123")
        assert_kind_of(OpenAI::Models::FileObject, result)
      end

      def test_retrieve_all_params
        result = @client.files.retrieve("file-abc123")
        assert_kind_of(OpenAI::Models::FileObject, result)
      end

      def test_delete_required_params
        result = @client.files.delete("file-abc123")
        assert_kind_of(OpenAI::Models::DeleteFileResponse, result)
      end

      def test_delete_all_params
        result = @client.files.delete("file-abc123")
        assert_kind_of(OpenAI::Models::DeleteFileResponse, result)
      end
    end
  end
end
