using JinGong.Knowledge.Attachments;
using JinGong.Knowledge.Catalogue;
using JinGong.Knowledge.Confirmations;
using JinGong.Knowledge.Links;
using JinGong.Knowledge.Members;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Records;
using JinGong.Knowledge.Scenarios;
using JinGong.Knowledge.Search;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Subscriptions;
using JinGong.Testing;
using Marten;

namespace JinGong.Knowledge.Tests;

public sealed class ConventionsTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static void Configure(StoreOptions options)
    {
        options.ConfigureSpaces();
        options.ConfigurePages();
        options.ConfigureSearch();
        options.ConfigureAttachments();
        options.ConfigureLinks();
        options.ConfigureSubscriptions();
        options.ConfigureConfirmations();
    }

    [Fact]
    public void every_knowledge_event_is_folded_by_its_own_evolve()
    {
        AggregateConventions.EventsNoProjectionFolds(Configure).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Space.Evolve(null, new SpaceCreated("SPACE-1", "规章制度", SpaceKind.Rules, null, ["administrator"], At))!)
            .Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Page.Evolve(null, new PageCreated("PAGE-1", "SPACE-1", null, 0, At))!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, PageSearch.Evolve(null, new PageCreated("PAGE-1", "SPACE-1", null, 0, At))!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, PageLinks.Evolve(null, new PageCreated("PAGE-1", "SPACE-1", null, 0, At))!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(
            Configure, Attachment.Evolve(null, new AttachmentUploaded("ATT-1", "PAGE-1", "a.pdf", "application/pdf", 1, "ab", "li.wei", At))!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Subscriber.Evolve(null, new Subscribed("li.wei", FollowedKind.Page, "PAGE-1", At))!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, ReadingRecord.Evolve(null, new PageReadConfirmed("li.wei", "PAGE-1", "SPACE-1", 1, null, At))!).Should().BeEmpty();
    }

    [Fact]
    public void every_stored_event_name_carries_its_version()
    {
        AggregateConventions.EventsWithoutVersionInName(options =>
        {
            Configure(options);
            options.ConfigureMembers();
            options.ConfigureCatalogue();
            options.ConfigureScenarios();
            options.ConfigureRecords();
        }).Should().BeEmpty();
    }
}
