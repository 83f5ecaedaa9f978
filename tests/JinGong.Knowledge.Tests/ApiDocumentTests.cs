using JinGong.Testing;

namespace JinGong.Knowledge.Tests;

[Collection(KnowledgeService.Collection)]
public sealed class KnowledgeApiDocumentTests(KnowledgeService knowledge) : ConsoleApiDocumentTests(knowledge, "knowledge");
