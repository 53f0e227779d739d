using System.Collections;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>An immutable list that compares by its items, so records that hold one compare by value (as the stores' tests need).</summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    public ValueList(IEnumerable<T> items) => this.items = [.. items];

    public static ValueList<T> Empty { get; } = new([]);

    public int Count => items.Length;

    public T this[int index] => items[index];

    public ValueList<T> Add(T item) => new([.. items, item]);

    public bool Equals(ValueList<T>? other) => other is not null && items.SequenceEqual(other.items);

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode() => items.Aggregate(items.Length, (hash, item) => HashCode.Combine(hash, item));

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}
