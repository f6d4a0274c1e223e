# frozen_string_literal: true

require_relative "lib/openai/version"

Gem::Specification.new do |spec|
  spec.name = "openai"
  spec.version = OpenAI::VERSION
  spec.summary = "OpenAI SDK for Ruby"
  spec.authors = ["sdkforge"]
  spec.files = Dir["lib/**/*.rb", "sig/**/*.rbs", "README.md"]
  spec.require_paths = ["lib"]
  spec.required_ruby_version = ">= 3.1"
  spec.metadata["rubygems_mfa_required"] = "true"
end
