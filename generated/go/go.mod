module github.com/sdkforge-examples/openai-go

go 1.22
