import { Prisma } from "../generated/prisma/client.ts";

/**
 * Orders the kitchen still has to make (placed, queued, in progress): what the capacity
 * limit counts and what a customer's queue position counts ahead. As an SQL list, so
 * every statement that counts them agrees, and the (status, createdAt) index serves it.
 */
export const OPEN_STATUSES_SQL = Prisma.sql`('PLACED', 'QUEUED', 'IN_PROGRESS')`;
