<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.Originals, io.imgfilter.demo.SignedLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="originals" value="${Originals.list(pageContext.servletContext)}"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>imgfilter demo</title>
  <link rel="stylesheet" href="css/demo.css">
</head>
<body>
<header>
  <h1>imgfilter demo</h1>
  <p>
    Every picture on this page is made on request by <code>ImageResizingFilter</code>, mapped to
    <code>/images/*</code>. The originals sit in the webapp's <code>WEB-INF/originals</code> (or the
    directory named by <code>IMAGE_ORIGINALS_DIR</code>, or a hidden origin named by
    <code>IMAGE_ORIGIN_URL</code>) and have no URL of their own.
  </p>
</header>

<main>
  <h2>Gallery <span class="count">(<c:out value="${originals.size()}"/> originals)</span></h2>
  <c:choose>
    <c:when test="${empty originals and Originals.remoteSource(pageContext.servletContext)}">
      <p class="empty">The originals are on a hidden HTTP origin, which cannot be listed. Set
        <code>IMAGE_ORIGIN_INDEX</code> to their paths (comma-separated) to show them here, or ask for
        <code>images/thumb/{path}</code> directly.</p>
    </c:when>
    <c:when test="${empty originals}">
      <p class="empty">No originals found.</p>
    </c:when>
    <c:otherwise>
      <ul class="gallery">
        <c:forEach var="original" items="${originals}">
          <li class="card">
            <c:set var="ctx" value="${pageContext.servletContext}"/>
            <a class="thumb" href="<c:out value="${SignedLinks.url(ctx, original.path, 'large')}"/>">
              <img src="images/thumb/${original.encodedPath}" width="150" height="150" loading="lazy"
                   alt="<c:out value="${original.name}"/>">
            </a>
            <p class="name" title="<c:out value="${original.path}"/>"><c:out value="${original.path}"/></p>
            <p class="variants">
              <a href="<c:out value="${SignedLinks.url(ctx, original.path, 'small')}"/>">small</a>
              <a href="<c:out value="${SignedLinks.url(ctx, original.path, 'medium')}"/>">medium</a>
              <a href="<c:out value="${SignedLinks.url(ctx, original.path, 'large')}"/>">large</a>
            </p>
          </li>
        </c:forEach>
      </ul>
    </c:otherwise>
  </c:choose>

  <h2>Presets</h2>
  <table class="presets">
    <thead><tr><th>name</th><th>size</th><th>access</th></tr></thead>
    <tbody>
      <tr><td><code>thumb</code></td><td>150 × 150, cropped to fill</td><td>public</td></tr>
      <tr><td><code>small</code></td><td>300 px wide</td><td>signed URL</td></tr>
      <tr><td><code>medium</code></td><td>600 px wide</td><td>signed URL</td></tr>
      <tr><td><code>large</code></td><td>900 px wide</td><td>signed URL</td></tr>
    </tbody>
  </table>
</main>

<footer>
  <p>imgfilter example webapp &middot; a plain WAR, also runnable with <code>java -jar example-webapp.jar</code></p>
</footer>
</body>
</html>
