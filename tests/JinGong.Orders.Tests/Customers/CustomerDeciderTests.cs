using JinGong.Contracts.Orders;
using JinGong.Orders.Customers;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Customers;

/// <summary>A customer's record as a pure function: given its events, when a command, then events or the rule broken.</summary>
public sealed class CustomerDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    private static readonly string Id = CustomerIds.ForName("Baotou Steel");

    private static readonly CustomerContact LiNa = new($"{Id}-C1", "Li Na", "+86 472 555 0101", "li.na@baotou-steel.example", "purchasing");

    private static readonly CustomerContact ZhangWei = new($"{Id}-C2", "Zhang Wei", null, null, "site manager");

    private static DeciderSpecification<CustomerCommand, Customer> NoCustomer => DeciderSpecification.For<CustomerCommand, Customer>(CustomerDecider.Decide);

    private static DeciderSpecification<CustomerCommand, Customer> Registered => NoCustomer.Given(
        new CustomerRegistered(Id, "Baotou Steel", "north", Now.AddDays(-30)),
        new CustomerContactAdded(Id, LiNa, Now.AddDays(-30)),
        new CustomerContactAdded(Id, ZhangWei, Now.AddDays(-20)));

    private static ContactDetails Details(CustomerContact contact) => new(contact.Name, contact.Phone, contact.Email, contact.Role);

    [Fact]
    public void a_customer_is_registered_with_its_contacts_numbered_from_one_and_never_twice_nor_in_the_future()
    {
        NoCustomer.When(new RegisterCustomer(Id, "Baotou Steel", "north", [Details(LiNa), Details(ZhangWei)], null, Now, Now)).Then(
            new CustomerRegistered(Id, "Baotou Steel", "north", Now),
            new CustomerContactAdded(Id, LiNa, Now),
            new CustomerContactAdded(Id, ZhangWei, Now));
        Registered.State.Should().BeEquivalentTo(new { Id, Name = "Baotou Steel", Region = "north", Contacts = new[] { LiNa, ZhangWei }, NameKey = "BAOTOU STEEL" });

        Registered.When(new RegisterCustomer(Id, "Baotou Steel", "north", [], null, Now, Now)).ThenRejects("customer-already-registered");
        NoCustomer.When(new RegisterCustomer(Id, "Baotou Steel", "north", [], null, Now.AddMinutes(1), Now)).ThenRejects("occurred-in-future");
        NoCustomer.When(new RegisterCustomer(Id, "Baotou Steel", "north", [], "CUS-0000000000", Now, Now)).ThenRejects("customer-name-taken");
        NoCustomer.When(new RegisterCustomer(Id, "Baotou Steel", "north", [.. Enumerable.Repeat(Details(LiNa), CustomerDecider.MaxContacts + 1)], null, Now, Now))
            .ThenRejects("too-many-contacts");
    }

    [Fact]
    public void a_name_typed_another_way_is_the_same_customer_and_a_renamed_one_keeps_its_id()
    {
        CustomerIds.ForName("  baotou   STEEL ").Should().Be(Id);
        CustomerIds.ForName("ＢＡＯＴＯＵ Steel").Should().Be(Id, "full-width letters are the letters");
        CustomerIds.ForName("Baotou Steel Group").Should().NotBe(Id);
        Id.Should().MatchRegex("^CUS-[0-9A-F]{10}$");

        Registered.When(new ChangeCustomerDetails(Id, "Baotou Iron and Steel", "north", null, Now, Now))
            .Then(new CustomerDetailsChanged(Id, "Baotou Iron and Steel", "north", Now));
        Registered.Given(new CustomerDetailsChanged(Id, "Baotou Iron and Steel", "north", Now)).State!.Id.Should().Be(Id);
        Registered.When(new ChangeCustomerDetails(Id, "Baotou Steel", "north", Id, Now, Now)).Then();
        Registered.When(new ChangeCustomerDetails(Id, "Hebei Steel", "north", "CUS-0000000000", Now, Now)).ThenRejects("customer-name-taken");
        Registered.When(new ChangeCustomerDetails(Id, "Baotou Steel", "east", Id, Now.AddDays(-40), Now)).ThenRejects("occurred-before-previous-event");
        NoCustomer.When(new ChangeCustomerDetails(Id, "Baotou Steel", "north", null, Now, Now)).ThenRejects("customer-not-found");
    }

    [Fact]
    public void contacts_are_added_under_a_number_never_reused_changed_whole_and_removed()
    {
        var wang = new ContactDetails("Wang Fang", "13800000000", null, null);
        Registered.When(new AddContact(Id, wang, Now, Now)).Then(new CustomerContactAdded(Id, new($"{Id}-C3", "Wang Fang", "13800000000", null, null), Now));
        var withoutZhang = Registered.Given(new CustomerContactRemoved(Id, ZhangWei.ContactId, Now.AddDays(-1)));
        withoutZhang.State!.Contacts.Should().Equal(LiNa);
        withoutZhang.When(new AddContact(Id, wang, Now, Now)).Events.Should().ContainSingle()
            .Which.Should().BeOfType<CustomerContactAdded>().Which.Contact.ContactId.Should().Be($"{Id}-C3", "a removed contact's number is not given again");

        Registered.When(new ChangeContact(Id, LiNa.ContactId, Details(LiNa) with { Phone = null }, Now, Now))
            .Then(new CustomerContactChanged(Id, LiNa with { Phone = null }, Now));
        Registered.Given(new CustomerContactChanged(Id, LiNa with { Phone = null }, Now)).State!.Contacts.Should().Equal(LiNa with { Phone = null }, ZhangWei);
        Registered.When(new ChangeContact(Id, LiNa.ContactId, Details(LiNa), Now, Now)).Then();
        Registered.When(new ChangeContact(Id, $"{Id}-C9", Details(LiNa), Now, Now)).ThenRejects("unknown-contact");

        Registered.When(new RemoveContact(Id, ZhangWei.ContactId, Now, Now)).Then(new CustomerContactRemoved(Id, ZhangWei.ContactId, Now));
        withoutZhang.When(new RemoveContact(Id, ZhangWei.ContactId, Now, Now)).ThenRejects("unknown-contact");
    }

    [Fact]
    public void a_customer_holds_at_most_so_many_contacts_at_once()
    {
        var full = NoCustomer.Given(new CustomerRegistered(Id, "Baotou Steel", "north", Now.AddDays(-1)))
            .Given([.. Enumerable.Range(1, CustomerDecider.MaxContacts).Select(number => new CustomerContactAdded(Id, LiNa with { ContactId = $"{Id}-C{number}" }, Now.AddDays(-1)))]);
        full.When(new AddContact(Id, Details(LiNa), Now, Now)).ThenRejects("too-many-contacts");
        full.Given(new CustomerContactRemoved(Id, $"{Id}-C1", Now.AddDays(-1))).When(new AddContact(Id, Details(LiNa), Now, Now)).Events.Should().ContainSingle();
    }
}
