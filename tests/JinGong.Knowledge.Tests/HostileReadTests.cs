using JinGong.Testing;

namespace JinGong.Knowledge.Tests;

[Collection(KnowledgeService.Collection)]
public sealed class KnowledgeHostileReadTests(KnowledgeService knowledge) : HostileReadTests(knowledge, "knowledge");
