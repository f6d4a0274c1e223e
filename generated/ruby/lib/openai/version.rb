# frozen_string_literal: true

module OpenAI
  VERSION = "2.3.0"
  # The version of the API description this SDK was generated from.
  API_VERSION = "2.3.0"
end
