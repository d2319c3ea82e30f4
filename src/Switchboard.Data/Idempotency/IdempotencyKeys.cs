namespace Switchboard.Data.Idempotency;

public static class IdempotencyKeys
{
    public const int MaxLength = 200;
}
