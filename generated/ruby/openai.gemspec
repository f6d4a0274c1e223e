# frozen_string_literal: true

require_relative "lib/openai/version"

Gem::Specification.new do |spec|
  spec.name = "openai"
  spec.version = OpenAI::VERSION
  spec.summary = "OpenAI SDK for Ruby"
  spec.authors = ["OpenAI"]
  spec.license = "MIT"
  spec.homepage = "https://platform.openai.com/docs"
  spec.metadata["source_code_uri"] = "https://github.com/sdkforge-examples/openai-sdks"
  spec.files = Dir["lib/**/*.rb", "sig/**/*.rbs", "README.md", "CHANGELOG.md", "LICENSE"]
  spec.require_paths = ["lib"]
  spec.required_ruby_version = ">= 3.1"
  spec.metadata["rubygems_mfa_required"] = "true"
end
