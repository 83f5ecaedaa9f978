using JinGong.Testing;

namespace JinGong.Okr.Tests;

[Collection(OkrService.Collection)]
public sealed class OkrApiDocumentTests(OkrService okr) : ConsoleApiDocumentTests(okr, "okr");
