import { z } from "zod";

/** The shape of a Keystone id (users, projects, groups, domains such as "default"), checked before use. */
export const keystoneId = z.string().regex(/^[0-9a-zA-Z_-]{1,64}$/);
