namespace JinGong.Domain;

/// <summary>A word of the domain inside a message ("Vehicle", "Order"), which an API says in the reader's language (its catalogue's words).</summary>
public readonly record struct Word(string Name)
{
    public override string ToString() => Name;
}
