using JinGong.Testing;

namespace JinGong.Dispatch.Tests;

[Collection(DispatchService.Collection)]
public sealed class DispatchApiDocumentTests(DispatchService dispatch) : ConsoleApiDocumentTests(dispatch, "dispatch");
