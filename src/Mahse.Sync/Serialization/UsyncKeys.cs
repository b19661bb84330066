namespace Mahse.Sync.Serialization;

/// <summary>
/// uSync's deterministic keys for languages and domains: a two-accumulator djb2-style hash of the name, whose four
/// little-endian bytes start an otherwise empty GUID (GetDeterministicHashCode + ConvertToGuid).
/// </summary>
public static class UsyncKeys
{
    public static Guid For(string text)
    {
        unchecked
        {
            var hash1 = (5381 << 16) + 5381;
            var hash2 = hash1;
            for (var i = 0; i < text.Length; i += 2)
            {
                hash1 = ((hash1 << 5) + hash1) ^ text[i];
                if (i == text.Length - 1)
                {
                    break;
                }

                hash2 = ((hash2 << 5) + hash2) ^ text[i + 1];
            }

            var hash = hash1 + (hash2 * 1566083941);
            var bytes = new byte[16];
            BitConverter.GetBytes(hash).CopyTo(bytes, 0);
            return new Guid(bytes);
        }
    }
}
