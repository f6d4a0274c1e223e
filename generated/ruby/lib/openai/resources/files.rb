# frozen_string_literal: true

module OpenAI
  module Resources
    class Files < OpenAI::Internal::Resource
      # Returns a list of files.
      #
      # @param purpose [String, nil] Only return files with the given purpose.
      # @param limit [Integer, nil] A limit on the number of objects to be returned. Limit can range between 1 and 10,000, and the default is 10,000.
      # @param order [Object, nil] Sort order by the `created_at` timestamp of the objects. `asc` for ascending order and `desc` for descending order.
      # @param after [String, nil] A cursor for use in pagination. `after` is an object ID that defines your place in the list. For instance, if you make a list request and receive 100 objects, ending with obj_foo, your subsequent call can include after=obj_foo in order to fetch the next page of the list.
      # @param request_options [Hash] per-request options: extra_headers:, extra_query:, extra_body:, timeout:,
      #   max_retries:
      #
      # @return [OpenAI::Internal::CursorPage<OpenAI::Models::FileObject>]
      def list(purpose: nil, limit: nil, order: nil, after: nil, request_options: {})
        @client.request(
          method: :get,
          path: "/files",
          params: [
            {in: :query, name: "purpose", style: :form, explode: true, value: purpose},
            {in: :query, name: "limit", style: :form, explode: true, value: limit},
            {in: :query, name: "order", style: :form, explode: true, value: order},
            {in: :query, name: "after", style: :form, explode: true, value: after}
          ],
          security: [["ApiKeyAuth"]],
          accept: "application/json",
          response: :json,
          model: OpenAI::Models::FileObject,
          page: OpenAI::Internal::CursorPage,
          options: request_options,
          raw: @raw
        )
      end

      # Returns information about a specific file.
      #
      # @param file_id [String] The ID of the file to use for this request.
      # @param request_options [Hash] per-request options: extra_headers:, extra_query:, extra_body:, timeout:,
      #   max_retries:
      #
      # @return [OpenAI::Models::FileObject]
      def retrieve(file_id, request_options: {})
        @client.request(
          method: :get,
          path: "/files/{file_id}",
          params: [
            {in: :path, name: "file_id", style: :simple, explode: false, value: file_id}
          ],
          security: [["ApiKeyAuth"]],
          accept: "application/json",
          response: :json,
          model: OpenAI::Models::FileObject,
          options: request_options,
          raw: @raw
        )
      end

      # Delete a file and remove it from all vector stores.
      #
      # @param file_id [String] The ID of the file to use for this request.
      # @param request_options [Hash] per-request options: extra_headers:, extra_query:, extra_body:, timeout:,
      #   max_retries:
      #
      # @return [OpenAI::Models::DeleteFileResponse]
      def delete(file_id, request_options: {})
        @client.request(
          method: :delete,
          path: "/files/{file_id}",
          params: [
            {in: :path, name: "file_id", style: :simple, explode: false, value: file_id}
          ],
          security: [["ApiKeyAuth"]],
          accept: "application/json",
          response: :json,
          model: OpenAI::Models::DeleteFileResponse,
          options: request_options,
          raw: @raw
        )
      end
    end
  end
end
