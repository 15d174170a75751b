/** How answers and timelines are paged on every door: the one place these defaults are written. */
export const PAGING = {
  /** Quotes per answer, and per "More" page, unless a user asks for another number. */
  quotesPerPage: 3,
  /** Events per timeline page. */
  timelineEventsPerPage: 5,
} as const;
