<%@ tag body-content="scriptless" pageEncoding="UTF-8" description="One live example: an image request, what it should do, and (via js/demo.js) what it did." %>
<%@ attribute name="src" required="true" description="The image URL to request" %>
<%@ attribute name="expect" required="true" description="ok when the image should load, fail when it should be refused" %>
<%@ attribute name="label" required="true" description="A short title" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<figure class="example" data-expect="<c:out value='${expect}'/>">
  <div class="frame"><img src="<c:out value='${src}'/>" alt="<c:out value='${label}'/>"></div>
  <figcaption>
    <strong><c:out value="${label}"/></strong>
    <span class="expect ${expect}">${expect == 'ok' ? 'should load' : 'should be refused'}</span>
    <code class="url"><c:out value="${src}"/></code>
    <span class="status">…</span>
    <span class="note"><jsp:doBody/></span>
  </figcaption>
</figure>
