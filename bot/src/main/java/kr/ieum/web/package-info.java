/**
 * Public pages and links residents open in a browser that read through feature services: journey deep links
 * ({@code /j/}). (The answer pages {@code /a/} still live in {@code channel.webchat}; they move here next.)
 */
package kr.ieum.web;
