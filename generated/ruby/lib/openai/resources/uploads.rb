# frozen_string_literal: true

module OpenAI
  module Resources
    class Uploads < OpenAI::Internal::Resource
      # @return [OpenAI::Resources::Uploads::Parts]
      attr_reader :parts

      def initialize(client:, raw: false)
        super
        @parts = OpenAI::Resources::Uploads::Parts.new(client: client, raw: raw)
      end

      # Creates an intermediate [Upload](/docs/api-reference/uploads/object) object
      # that you can add [Parts](/docs/api-reference/uploads/part-object) to.
      # Currently, an Upload can accept at most 8 GB in total and expires after an
      # hour after you create it.
      #
      # Once you complete the Upload, we will create a
      # [File](/docs/api-reference/files/object) object that contains all the parts
      # you uploaded. This File is usable in the rest of our platform as a regular
      # File object.
      #
      # For certain `purpose` values, the correct `mime_type` must be specified.
      # Please refer to documentation for the
      # [supported MIME types for your use case](/docs/assistants/tools/file-search#supported-files).
      #
      # For guidance on the proper filename extensions for each purpose, please
      # follow the documentation on [creating a
      # File](/docs/api-reference/files/create).
      #
      # @param filename [String] The name of the file to upload.
      # @param purpose [Symbol] The intended purpose of the uploaded file.
      #
      #   See the [documentation on File
      #   purposes](/docs/api-reference/files/create#files-create-purpose).
      # @param bytes [Integer] The number of bytes in the file you are uploading.
      # @param mime_type [String] The MIME type of the file.
      #
      #   This must fall within the supported MIME types for your file purpose. See
      #   the supported MIME types for assistants and vision.
      # @param expires_after [OpenAI::Models::FileExpirationAfter, nil]
      # @param request_options [Hash] per-request options: extra_headers:, extra_query:, extra_body:, timeout:,
      #   max_retries:
      #
      # @return [OpenAI::Models::Upload]
      def create(filename:, purpose:, bytes:, mime_type:, expires_after: OMIT, request_options: {})
        @client.request(
          method: :post,
          path: "/uploads",
          security: [["ApiKeyAuth"]],
          body: {"filename" => filename, "purpose" => purpose, "bytes" => bytes, "mime_type" => mime_type, "expires_after" => expires_after},
          body_fields: true,
          body_required: true,
          body_model: OpenAI::Models::CreateUploadRequest,
          encoding: :json,
          content_type: "application/json",
          accept: "application/json",
          response: :json,
          model: OpenAI::Models::Upload,
          options: request_options,
          raw: @raw
        )
      end

      # Completes the [Upload](/docs/api-reference/uploads/object).
      #
      # Within the returned Upload object, there is a nested [File](/docs/api-reference/files/object) object that is ready to use in the rest of the platform.
      #
      # You can specify the order of the Parts by passing in an ordered list of the Part IDs.
      #
      # The number of bytes uploaded upon completion must match the number of bytes initially specified when creating the Upload object. No Parts may be added after an Upload is completed.
      #
      # @param upload_id [String] The ID of the Upload.
      # @param part_ids [Array<String>] The ordered list of Part IDs.
      # @param md5 [String, nil] The optional md5 checksum for the file contents to verify if the bytes uploaded matches what you expect.
      # @param request_options [Hash] per-request options: extra_headers:, extra_query:, extra_body:, timeout:,
      #   max_retries:
      #
      # @return [OpenAI::Models::Upload]
      def complete(upload_id, part_ids:, md5: OMIT, request_options: {})
        @client.request(
          method: :post,
          path: "/uploads/{upload_id}/complete",
          params: [
            {in: :path, name: "upload_id", style: :simple, explode: false, value: upload_id}
          ],
          security: [["ApiKeyAuth"]],
          body: {"part_ids" => part_ids, "md5" => md5},
          body_fields: true,
          body_required: true,
          body_model: OpenAI::Models::CompleteUploadRequest,
          encoding: :json,
          content_type: "application/json",
          accept: "application/json",
          response: :json,
          model: OpenAI::Models::Upload,
          options: request_options,
          raw: @raw
        )
      end

      # Cancels the Upload. No Parts may be added after an Upload is cancelled.
      #
      # @param upload_id [String] The ID of the Upload.
      # @param request_options [Hash] per-request options: extra_headers:, extra_query:, extra_body:, timeout:,
      #   max_retries:
      #
      # @return [OpenAI::Models::Upload]
      def cancel(upload_id, request_options: {})
        @client.request(
          method: :post,
          path: "/uploads/{upload_id}/cancel",
          params: [
            {in: :path, name: "upload_id", style: :simple, explode: false, value: upload_id}
          ],
          security: [["ApiKeyAuth"]],
          accept: "application/json",
          response: :json,
          model: OpenAI::Models::Upload,
          options: request_options,
          raw: @raw
        )
      end

      class Parts < OpenAI::Internal::Resource
        # Adds a [Part](/docs/api-reference/uploads/part-object) to an [Upload](/docs/api-reference/uploads/object) object. A Part represents a chunk of bytes from the file you are trying to upload.
        #
        # Each Part can be at most 64 MB, and you can add Parts until you hit the Upload maximum of 8 GB.
        #
        # It is possible to add multiple Parts in parallel. You can decide the intended order of the Parts when you [complete the Upload](/docs/api-reference/uploads/complete).
        #
        # @param upload_id [String] The ID of the Upload.
        # @param data [String] The chunk of bytes for this Part.
        # @param request_options [Hash] per-request options: extra_headers:, extra_query:, extra_body:, timeout:,
        #   max_retries:
        #
        # @return [OpenAI::Models::UploadPart]
        def create(upload_id, data:, request_options: {})
          @client.request(
            method: :post,
            path: "/uploads/{upload_id}/parts",
            params: [
              {in: :path, name: "upload_id", style: :simple, explode: false, value: upload_id}
            ],
            security: [["ApiKeyAuth"]],
            body: {"data" => data},
            body_fields: true,
            body_required: true,
            body_model: OpenAI::Models::AddUploadPartRequest,
            encoding: :multipart,
            content_type: "multipart/form-data",
            accept: "application/json",
            response: :json,
            model: OpenAI::Models::UploadPart,
            options: request_options,
            raw: @raw
          )
        end
      end
    end
  end
end
