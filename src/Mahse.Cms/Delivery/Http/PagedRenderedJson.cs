using System.Buffers;
using System.Text;
using Mahse.Cms.Delivery.Caching;
using Microsoft.AspNetCore.Http;

namespace Mahse.Cms.Delivery.Http;

/// <summary>A query page, <c>{"total":n,"items":[…]}</c>, written from items already serialised (no re-encoding).</summary>
public sealed class PagedRenderedJson(long total, IReadOnlyList<RenderedItemMemo.Rendered> items) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var head = Encoding.UTF8.GetBytes($"{{\"total\":{total},\"items\":[");
        var length = head.Length + items.Sum(i => i.Body.Length) + Math.Max(0, items.Count - 1) + 2;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = Copy(head, buffer, 0);
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    buffer[at++] = (byte)',';
                }

                at = Copy(items[i].Body, buffer, at);
            }

            buffer[at++] = (byte)']';
            buffer[at++] = (byte)'}';
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = at;
            await http.Response.Body.WriteAsync(buffer.AsMemory(0, at), http.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Copy(byte[] source, byte[] target, int at)
    {
        source.CopyTo(target, at);
        return at + source.Length;
    }
}
