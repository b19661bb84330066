using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Persistence;

/// <summary>Creates a short-lived context for one operation, whichever provider is configured.</summary>
public interface ICmsDbContextFactory
{
    CmsDbContext CreateDbContext();
}

internal sealed class CmsDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : ICmsDbContextFactory
    where TContext : CmsDbContext
{
    public CmsDbContext CreateDbContext() => inner.CreateDbContext();
}
