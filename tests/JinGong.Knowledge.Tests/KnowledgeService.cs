using JinGong.Knowledge.Spaces;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests;

/// <summary>The knowledge base on its own, over a real PostgreSQL: started once for every test class of this project.</summary>
public sealed class KnowledgeService : ServiceHost<Space>
{
    public const string Collection = "knowledge";

    protected override string Database => "knowledgedb";
}

[CollectionDefinition(KnowledgeService.Collection)]
public sealed class KnowledgeServiceCollection : ICollectionFixture<KnowledgeService>;
