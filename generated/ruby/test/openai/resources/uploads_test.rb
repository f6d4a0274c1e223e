# frozen_string_literal: true

require_relative "../../test_helper"

module OpenAI
  module Test
    class UploadsTest < OpenAI::Test::ResourceTest
      def test_create_required_params
        result = @client.uploads.create(filename: "string", purpose: :assistants, bytes: 0, mime_type: "string")
        assert_kind_of(OpenAI::Models::Upload, result)
      end

      def test_create_all_params
        result = @client.uploads.create(filename: "string", purpose: :assistants, bytes: 0, mime_type: "string", expires_after: {anchor: :created_at, seconds: 3600})
        assert_kind_of(OpenAI::Models::Upload, result)
      end

      def test_complete_required_params
        result = @client.uploads.complete("upload_abc123", part_ids: ["string"])
        assert_kind_of(OpenAI::Models::Upload, result)
      end

      def test_complete_all_params
        result = @client.uploads.complete("upload_abc123", part_ids: ["string"], md5: "string")
        assert_kind_of(OpenAI::Models::Upload, result)
      end

      def test_cancel_required_params
        result = @client.uploads.cancel("upload_abc123")
        assert_kind_of(OpenAI::Models::Upload, result)
      end

      def test_cancel_all_params
        result = @client.uploads.cancel("upload_abc123")
        assert_kind_of(OpenAI::Models::Upload, result)
      end
    end

    class UploadsPartsTest < OpenAI::Test::ResourceTest
      def test_create_required_params
        result = @client.uploads.parts.create("upload_abc123", data: StringIO.new("sample bytes"))
        assert_kind_of(OpenAI::Models::UploadPart, result)
      end

      def test_create_all_params
        result = @client.uploads.parts.create("upload_abc123", data: StringIO.new("sample bytes"))
        assert_kind_of(OpenAI::Models::UploadPart, result)
      end
    end
  end
end
