/**
 * Guided journeys (content/journeys): where a resident is in a journey and what they answered, the step to show
 * next, the office finder, resume codes and deep-link start codes, reminders and the funnel of journey events.
 * Channel-neutral: it returns {@link kr.ieum.enrollment.Prompt}s; the conversation turns them into replies.
 */
package kr.ieum.enrollment;
