using System.Diagnostics.CodeAnalysis;

namespace ChatOpsSignin.Core.Outcomes;

/// <summary>A value or an expected failure. Bugs stay exceptions.</summary>
public readonly struct Outcome<T>
    where T : class
{
    private Outcome(T? value, SigninFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public SigninFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Fail(SigninFailure failure) => new(null, failure);

    public static implicit operator Outcome<T>(T value) => Success(value);

    public static implicit operator Outcome<T>(SigninFailure failure) => Fail(failure);
}
