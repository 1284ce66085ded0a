// The code of this module is generated from the repository's openapi.yaml at build time by
// swift-openapi-generator (types, client and server stubs). Nothing is written here by hand.
