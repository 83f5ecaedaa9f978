using JinGong.Testing;

namespace JinGong.Identity.Tests;

[Collection(IdentityService.Collection)]
public sealed class IdentityApiDocumentTests(IdentityService identity) : ApiDocumentTests(identity, "identity");
