# frozen_string_literal: true

require_relative "../../test_helper"

module OpenAI
  module Test
    class UploadsTest < OpenAI::Test::ResourceTest
      def test_create_required_params
        result = @client.uploads.create(filename: "filename", purpose: "assistants", bytes: 1, mime_type: "mime_type")
        assert_kind_of(OpenAI::Models::Upload, result)
      end

      def test_create_all_params
        result = @client.uploads.create(filename: "filename", purpose: "assistants", bytes: 1, mime_type: "mime_type", expires_after: {"anchor" => "created_at", "seconds" => 3600})
        assert_kind_of(OpenAI::Models::Upload, result)
      end

      def test_complete_required_params
        result = @client.uploads.complete("upload_abc123", part_ids: ["part_ids"])
        assert_kind_of(OpenAI::Models::Upload, result)
      end

      def test_complete_all_params
        result = @client.uploads.complete("upload_abc123", part_ids: ["part_ids"], md5: "md5")
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
        result = @client.uploads.parts.create("upload_abc123", data: OpenAI::FilePart.new(StringIO.new("raw file contents".b), filename: "upload.txt"))
        assert_kind_of(OpenAI::Models::UploadPart, result)
      end

      def test_create_all_params
        result = @client.uploads.parts.create("upload_abc123", data: OpenAI::FilePart.new(StringIO.new("raw file contents".b), filename: "upload.txt"))
        assert_kind_of(OpenAI::Models::UploadPart, result)
      end
    end
  end
end
