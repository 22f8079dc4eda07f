/** Work done now whose failure is raised later, when its value is needed. */
export type Settled<T> = { ok: true; value: T; get: () => T } | { ok: false; get: () => never };

/**
 * Runs `read` now (reading a body while no database connection is held, say) and keeps its error
 * for later: routes raise input complaints only after the chokepoint let the caller through, so
 * answers keep the order 401 → 404 → 403 → 400/413/415.
 */
export async function settle<T>(read: () => T | Promise<T>): Promise<Settled<T>> {
  try {
    const value = await read();
    return { ok: true, value, get: () => value };
  } catch (error) {
    return {
      ok: false,
      get: () => {
        throw error;
      },
    };
  }
}
